/** Placeholder while the options surface is being built. */
export function App() {
  return (
    <main style={{ padding: 12 }}>
      <h1>Rapport</h1>
      <p className="muted">The options page is being built.</p>
    </main>
  );
}
