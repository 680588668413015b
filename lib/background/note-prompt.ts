import { browser } from 'wxt/browser';
import { send } from '../messaging/send';

/**
 * Asks for the session note right away: an open side panel switches to the note itself (it
 * listens for `bg:note.prompt`); otherwise a small extension window opens.
 */
export async function openNotePrompt(sessionId: string): Promise<void> {
  const panels = await sidePanelsOpen();
  if (panels > 0) {
    await send({ type: 'bg:note.prompt', sessionId });
    return;
  }
  const url = `${browser.runtime.getURL('/note.html')}?session=${encodeURIComponent(sessionId)}`;
  await browser.windows.create({ url, type: 'popup', width: 520, height: 760, focused: true });
}

async function sidePanelsOpen(): Promise<number> {
  const runtime = browser.runtime as unknown as { getContexts?: (filter: { contextTypes: string[] }) => Promise<unknown[]> };
  if (!runtime.getContexts) return 0; // Firefox: no side panel contexts to ask about
  try {
    return (await runtime.getContexts({ contextTypes: ['SIDE_PANEL'] })).length;
  } catch {
    return 0;
  }
}
