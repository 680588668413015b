/** Placeholder while the popup surface is being built. */
export function App() {
  return (
    <main style={{ padding: 12 }}>
      <h1>Rapport</h1>
      <p className="muted">The popup page is being built.</p>
    </main>
  );
}
