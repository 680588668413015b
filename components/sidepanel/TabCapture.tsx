import { useState } from 'react';
import { browser } from 'wxt/browser';
import { useT } from '../../lib/hooks/use-settings';
import { send, type LiveInfo } from '../../lib/messaging';

/** True where tabs' audio can be captured (Chrome's tabCapture); Firefox has no such API. */
function canCaptureTabs(): boolean {
  return typeof (browser as { tabCapture?: { getMediaStreamId?: unknown } }).tabCapture?.getMediaStreamId === 'function';
}

/**
 * "Listen to this tab": where the page tap cannot hear the other party (Zoom's web client, or a
 * call with no remote WebRTC audio), the call tab's own sound becomes the other party. Chrome
 * hands out a tab's stream only to a user's action, so the stream id is asked for right in the
 * click handler; the background opens it in the offscreen document, which also plays it back.
 */
export function TabCaptureOffer({ tabId, sessionId, live }: { tabId: number; sessionId: string; live: LiveInfo }) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const capture = live.tabCapture;
  if (!capture || capture.state === 'listening' || (!capture.suggested && capture.state === 'off')) return null;
  if (!canCaptureTabs()) {
    return (
      <p className="muted small" data-testid="tab-capture-unsupported">
        {t('sidepanel', 'tabCaptureUnsupported')}
      </p>
    );
  }

  const listen = async () => {
    setBusy(true);
    setError(null);
    try {
      const streamId = await browser.tabCapture.getMediaStreamId({ targetTabId: tabId });
      const reply = await send({ type: 'ui:tabcapture.start', tabId, sessionId, streamId });
      if (!reply.ok) throw new Error(reply.code === 'no-answer' ? 'Rapport’s background did not answer.' : reply.error);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // Chrome's wording for "no user invocation on that tab yet" helps nobody: say what to do.
      setError(
        /invoked|activeTab/i.test(message)
          ? t('sidepanel', 'tabCaptureNeedsInvocation')
          : t('sidepanel', 'tabCaptureFailed', { error: message }),
      );
    } finally {
      setBusy(false);
    }
  };

  const shownError =
    error ?? (capture.state === 'failed' && capture.error ? t('sidepanel', 'tabCaptureFailed', { error: capture.error }) : null);
  return (
    <div className="tab-capture stack" data-testid="tab-capture">
      <p className="small">{t('sidepanel', 'tabCaptureOffer')}</p>
      <div className="row">
        <button type="button" onClick={() => void listen()} disabled={busy} aria-describedby={shownError ? 'tab-capture-error' : undefined}>
          {busy ? t('sidepanel', 'tabCaptureStarting') : t('sidepanel', 'tabCaptureListen')}
        </button>
      </div>
      {shownError && (
        <p id="tab-capture-error" className="field-error" role="alert">
          {shownError}
        </p>
      )}
    </div>
  );
}
