/** Placeholder while the note surface is being built. */
export function App() {
  return (
    <main style={{ padding: 12 }}>
      <h1>Rapport</h1>
      <p className="muted">The note page is being built.</p>
    </main>
  );
}
