import { useId, useRef, useState, type ChangeEvent } from 'react';
import { ImportError, importAll, parseExportFile, summarizeExportFile, type ImportResult } from '../../lib/db/data';
import { useT } from '../../lib/hooks/use-settings';
import { MAX_IMPORT_BYTES } from '../../lib/schema';
import type { Translator } from '../../lib/i18n';

/** How many problems to list before "and N more": enough to fix a file, not a wall of text. */
const MAX_ISSUES_SHOWN = 20;

type Pending = { name: string; text: string; summary: ImportResult };
type Problem = { file: string; message: string; issues: string[] };
type Busy = { busy: boolean; setBusy: (busy: boolean) => void };

/** A problem with the whole file, not a list of its records'. */
const problemOf = (file: string, message: string): Problem => ({ file, message, issues: [] });

/** A file's text checked whole: what it would import, or what is wrong with it. */
function checkText(name: string, text: string, t: Translator): { pending: Pending } | { problem: Problem } {
  try {
    return { pending: { name, text, summary: summarizeExportFile(parseExportFile(text, t)) } };
  } catch (e) {
    if (e instanceof ImportError) return { problem: { file: name, message: e.headline, issues: e.issues } };
    return { problem: problemOf(name, e instanceof Error ? e.message : String(e)) };
  }
}

/** Choosing a file, checking it whole, and importing it once the user confirms; a refused file can be checked again. */
function useImport({ setBusy }: Busy) {
  const { t } = useT();
  const [pending, setPending] = useState<Pending | null>(null);
  const [importProblem, setImportProblem] = useState<Problem | null>(null);
  // The file stays chosen after a refusal, so the user can fix it and check it again.
  const [chosen, setChosen] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [importStatus, setImportStatus] = useState<string | null>(null);
  const counts = (r: ImportResult) => t('options', 'dataCounts', { ...r });

  /** Reads and checks a chosen file; nothing is written until the user confirms. */
  const check = async (file: File, again = false) => {
    setPending(null);
    setImportProblem(null);
    setImportStatus(null);
    // Refuse a huge file before reading it into memory.
    if (file.size > MAX_IMPORT_BYTES) {
      setImportProblem(problemOf(file.name, t('options', 'importErrTooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 })));
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      // Chromium will not read a file changed on disk since it was chosen (the user fixed it):
      // it must be chosen again, so the picker opens at once, still within the user's click.
      if (again && fileInput.current) {
        fileInput.current.value = '';
        setImportProblem(problemOf(file.name, t('options', 'importChooseAgain')));
        fileInput.current.click();
        return;
      }
      setChosen(null);
      if (fileInput.current) fileInput.current.value = '';
      setImportProblem(problemOf(file.name, t('options', 'importErrRead', { error: e instanceof Error ? e.message : String(e) })));
      return;
    }
    const checked = checkText(file.name, text, t);
    if ('pending' in checked) setPending(checked.pending);
    else setImportProblem(checked.problem);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0] ?? null;
    setChosen(file);
    if (!file) {
      setPending(null);
      setImportProblem(null);
      return;
    }
    await check(file);
  };

  const doImport = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const result = await importAll(pending.text, t);
      setImportStatus(t('options', 'importDone', { counts: counts(result) }));
      setPending(null);
      setChosen(null);
      if (fileInput.current) fileInput.current.value = '';
    } catch (e) {
      setImportProblem(problemOf(pending.name, t('options', 'importFailed', { error: e instanceof Error ? e.message : String(e) })));
    } finally {
      setBusy(false);
    }
  };

  return { pending, setPending, importProblem, chosen, fileInput, importStatus, counts, check, onFile, doImport };
}

/** Import: the file is checked completely before anything is written. */
export function DataImport(props: Busy) {
  const { t } = useT();
  const fileId = useId();
  const { pending, setPending, importProblem, chosen, fileInput, importStatus, counts, check, onFile, doImport } = useImport(props);
  const { busy } = props;
  return (
    <section className="card" aria-labelledby="import-title">
      <h3 id="import-title">{t('options', 'importTitle')}</h3>
      <p>{t('options', 'importExplained')}</p>
      <div className="field">
        <label htmlFor={fileId}>{t('options', 'importChoose')}</label>
        <input
          id={fileId}
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          // Cleared as the picker opens, so choosing the same file again (after fixing it) counts as a new choice.
          onClick={(e) => (e.currentTarget.value = '')}
          onChange={(e) => void onFile(e)}
        />
      </div>
      {pending && (
        <div className="banner info">
          <p>{t('options', 'importReady', { name: pending.name, counts: counts(pending.summary) })}</p>
          <div className="row">
            <button type="button" className="primary" disabled={busy} onClick={() => void doImport()}>
              {t('options', 'importButton')}
            </button>
            <button type="button" onClick={() => setPending(null)}>
              {t('common', 'cancel')}
            </button>
          </div>
        </div>
      )}
      {importProblem && <ImportProblem problem={importProblem} onRetry={chosen ? () => void check(chosen, true) : null} />}
      <p role="status" className="muted">
        {importStatus}
      </p>
    </section>
  );
}

function ImportProblem({ problem, onRetry }: { problem: Problem; onRetry: (() => void) | null }) {
  const { t } = useT();
  return (
    <div className="banner error" role="alert">
      <p>
        <strong>{t('options', 'importRefusedFile', { name: problem.file })}</strong> {problem.message}
      </p>
      {problem.issues.length > 0 && (
        <ul className="issues">
          {problem.issues.slice(0, MAX_ISSUES_SHOWN).map((issue, i) => (
            <li key={i}>{issue}</li>
          ))}
          {problem.issues.length > MAX_ISSUES_SHOWN && (
            <li>{t('options', 'importMoreIssues', { n: problem.issues.length - MAX_ISSUES_SHOWN })}</li>
          )}
        </ul>
      )}
      {onRetry && (
        <div className="row">
          <button type="button" onClick={onRetry}>
            {t('options', 'importRetry')}
          </button>
          <span className="muted">{t('options', 'importRetryHint')}</span>
        </div>
      )}
    </div>
  );
}
