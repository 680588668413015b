import { useId, useState, type ChangeEvent } from 'react';
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
  const [importProblem, setImportProblem] = useState<{ message: string; issues: string[] } | null>(null);
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

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    setPending(null);
    setImportProblem(null);
    setImportStatus(null);
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again (say, after fixing it) is seen as a new choice.
    event.target.value = '';
    if (!file) return;
    // Refuse a huge file before reading it into memory.
    if (file.size > MAX_IMPORT_BYTES) {
      setImportProblem({ message: t('options', 'importTooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }), issues: [] });
      return;
    }
    try {
      const text = await file.text();
      const parsed = parseExportFile(text);
      setPending({ name: file.name, text, summary: summarizeExportFile(parsed) });
    } catch (e) {
      if (e instanceof ImportError) {
        const head = e.issues.length > 0 ? e.message.slice(0, e.message.length - e.issues.join('; ').length).trim() : e.message;
        setImportProblem({ message: head, issues: e.issues });
      } else setImportProblem({ message: e instanceof Error ? e.message : String(e), issues: [] });
    }
  };

  const doImport = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const result = await importAll(pending.text);
      setImportStatus(t('options', 'importDone', { counts: counts(result) }));
      setPending(null);
    } catch (e) {
      setImportProblem({ message: t('options', 'importFailed', { error: e instanceof Error ? e.message : String(e) }), issues: [] });
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
          <input id={fileId} type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} />
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
              <strong>{t('options', 'importRefused')}</strong> {importProblem.message}
            </p>
            {importProblem.issues.length > 0 && (
              <ul className="issues">
                {importProblem.issues.slice(0, MAX_ISSUES_SHOWN).map((issue, i) => (
                  <li key={i}>
                    <code>{issue}</code>
                  </li>
                ))}
                {importProblem.issues.length > MAX_ISSUES_SHOWN && (
                  <li>{t('options', 'importMoreIssues', { n: importProblem.issues.length - MAX_ISSUES_SHOWN })}</li>
                )}
              </ul>
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
