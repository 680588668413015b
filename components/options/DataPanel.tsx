import { useState } from 'react';
import { countPrivateNotes, deleteAll, exportAll, summarizeExportFile, type ImportResult } from '../../lib/db/data';
import { useT } from '../../lib/hooks/use-settings';
import { DataImport } from './DataImport';
import { downloadText } from './download';
import { toDateOnly } from '../../lib/schema/date-only';

/** Your data: export everything as one JSON file, import it back (checked completely first), or delete everything. */
export function DataPanel() {
  const { t } = useT();
  // An import and a delete never run at once.
  const [busy, setBusy] = useState(false);
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">{t('options', 'dataTitle')}</h2>
      <p className="muted">{t('options', 'dataIntro')}</p>
      <DataExport />
      <DataImport busy={busy} setBusy={setBusy} />
      <DataDelete busy={busy} setBusy={setBusy} />
    </section>
  );
}

/** Export: one JSON file, private notes only when asked for. */
function DataExport() {
  const { t } = useT();
  const [includePrivate, setIncludePrivate] = useState(false);
  const [exportStatus, setExportStatus] = useState<string | null>(null);
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

  return (
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
  );
}

/** Delete everything, after a tick that says the user means it. */
function DataDelete({ busy, setBusy }: { busy: boolean; setBusy: (busy: boolean) => void }) {
  const { t } = useT();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteStatus, setDeleteStatus] = useState<string | null>(null);

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
  );
}
