import { useId, useRef, useState, type ChangeEvent } from 'react';
import {
  countPrivateNotes,
  deleteAll,
  exportAll,
  ImportError,
  importAll,
  parseExportFile,
  summarizeExportFile,
  type ImportResult,
} from '../../lib/db/data';
import { useT } from '../../lib/hooks/use-settings';
import { MAX_IMPORT_BYTES } from '../../lib/schema';
import { downloadText } from './download';
import { toDateOnly } from './format';

/** How many problems to list before "and N more": enough to fix a file, not a wall of text. */
const MAX_ISSUES_SHOWN = 20;

type Pending = { name: string; text: string; summary: ImportResult };

/** Your data: export everything as one JSON file, import it back (checked completely first), or delete everything. */
export function DataPanel() {
  const { t } = useT();
  const fileId = useId();
  const [includePrivate, setIncludePrivate] = useState(false);
  const [exportStatus, setExportStatus] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [importProblem, setImportProblem] = useState<{ file: string; message: string; issues: string[] } | null>(null);
  // The file stays chosen after a refusal, so the user can fix it and check it again.
  const [chosen, setChosen] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [importStatus, setImportStatus] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteStatus, setDeleteStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const counts = (r: ImportResult) => t('options', 'dataCounts', { ...r });

  const doExport = async () => {
    setExportStatus(null);
    try {
      const file = await exportAll({ includePrivateNotes: includePrivate });
      const suffix = includePrivate ? '-with-private-notes' : '';
      downloadText(`rapport-export-${toDateOnly(new Date())}${suffix}.json`, JSON.stringify(file, null, 2), 'application/json');
      const privacy = includePrivate
        ? t('options', 'exportPrivateIncluded')
        : t('options', 'exportPrivateLeftOut', { n: await countPrivateNotes() });
      setExportStatus(`${t('options', 'exportDone', { counts: counts(summarizeExportFile(file)) })} ${privacy}`);
    } catch (e) {
      setExportStatus(t('options', 'exportFailed', { error: e instanceof Error ? e.message : String(e) }));
    }
  };

  /** Reads and checks a chosen file; nothing is written until the user confirms. */
  const check = async (file: File, again = false) => {
    setPending(null);
    setImportProblem(null);
    setImportStatus(null);
    // Refuse a huge file before reading it into memory.
    if (file.size > MAX_IMPORT_BYTES) {
      setImportProblem({ file: file.name, message: t('options', 'importErrTooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }), issues: [] });
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
        setImportProblem({ file: file.name, message: t('options', 'importChooseAgain'), issues: [] });
        fileInput.current.click();
        return;
      }
      setChosen(null);
      if (fileInput.current) fileInput.current.value = '';
      setImportProblem({
        file: file.name,
        message: t('options', 'importErrRead', { error: e instanceof Error ? e.message : String(e) }),
        issues: [],
      });
      return;
    }
    try {
      const parsed = parseExportFile(text, t);
      setPending({ name: file.name, text, summary: summarizeExportFile(parsed) });
    } catch (e) {
      if (e instanceof ImportError) setImportProblem({ file: file.name, message: e.headline, issues: e.issues });
      else setImportProblem({ file: file.name, message: e instanceof Error ? e.message : String(e), issues: [] });
    }
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
      setImportProblem({
        file: pending.name,
        message: t('options', 'importFailed', { error: e instanceof Error ? e.message : String(e) }),
        issues: [],
      });
    } finally {
      setBusy(false);
    }
  };

  const doDelete = async () => {
    setBusy(true);
    try {
      await deleteAll();
      setConfirmDelete(false);
      setDeleteStatus(t('options', 'deleteDone'));
    } catch (e) {
      setDeleteStatus(t('options', 'deleteFailed', { error: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">{t('options', 'dataTitle')}</h2>
      <p className="muted">{t('options', 'dataIntro')}</p>

      <section className="card" aria-labelledby="export-title">
        <h3 id="export-title">{t('options', 'exportTitle')}</h3>
        <p>{t('options', 'exportExplained')}</p>
        <label className="inline">
          <input type="checkbox" checked={includePrivate} onChange={(e) => setIncludePrivate(e.target.checked)} />{' '}
          {t('options', 'exportIncludePrivate')}
        </label>
        <div className="row">
          <button type="button" className="primary" onClick={() => void doExport()}>
            {t('options', 'exportButton')}
          </button>
        </div>
        <p role="status" className="muted">
          {exportStatus}
        </p>
      </section>

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
        {importProblem && (
          <div className="banner error" role="alert">
            <p>
              <strong>{t('options', 'importRefusedFile', { name: importProblem.file })}</strong> {importProblem.message}
            </p>
            {importProblem.issues.length > 0 && (
              <ul className="issues">
                {importProblem.issues.slice(0, MAX_ISSUES_SHOWN).map((issue, i) => (
                  <li key={i}>{issue}</li>
                ))}
                {importProblem.issues.length > MAX_ISSUES_SHOWN && (
                  <li>{t('options', 'importMoreIssues', { n: importProblem.issues.length - MAX_ISSUES_SHOWN })}</li>
                )}
              </ul>
            )}
            {chosen && (
              <div className="row">
                <button type="button" onClick={() => void check(chosen, true)}>
                  {t('options', 'importRetry')}
                </button>
                <span className="muted">{t('options', 'importRetryHint')}</span>
              </div>
            )}
          </div>
        )}
        <p role="status" className="muted">
          {importStatus}
        </p>
      </section>

      <section className="card" aria-labelledby="delete-title">
        <h3 id="delete-title">{t('options', 'deleteAllTitle')}</h3>
        <p>{t('options', 'deleteAllExplained')}</p>
        <label className="inline">
          <input type="checkbox" checked={confirmDelete} onChange={(e) => setConfirmDelete(e.target.checked)} />{' '}
          {t('options', 'deleteAllConfirm')}
        </label>
        <div className="row">
          <button type="button" className="danger" disabled={!confirmDelete || busy} onClick={() => void doDelete()}>
            {t('options', 'deleteAllButton')}
          </button>
        </div>
        <p role="status" className="muted">
          {deleteStatus}
        </p>
      </section>
    </section>
  );
}
