import { useEffect } from 'react';
import { NotePrompt } from '../../components/note/NotePrompt';
import { useT } from '../../lib/hooks/use-settings';

/** The note window: `note.html?session=<id>`, opened by the background when a call ends. */
export function App() {
  const { t, language } = useT();
  const sessionId = new URLSearchParams(location.search).get('session');
  useEffect(() => {
    document.title = `${t('note', 'pageTitle')} – Rapport`;
    document.documentElement.lang = language;
  }, [t, language]);
  if (!sessionId) {
    return (
      <main className="note-prompt">
        <h1>{t('note', 'pageTitle')}</h1>
        <p className="banner error" role="alert">
          {t('note', 'noSessionParam')}
        </p>
      </main>
    );
  }
  return (
    <main>
      <NotePrompt sessionId={sessionId} onDone={() => window.close()} />
    </main>
  );
}
