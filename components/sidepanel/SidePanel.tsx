/** The call companion; filled in by the live-companion work. */
export function SidePanel() {
  return (
    <main style={{ padding: 12 }}>
      <h1>Rapport</h1>
      <p className="muted">Join a call to start a session.</p>
    </main>
  );
}
