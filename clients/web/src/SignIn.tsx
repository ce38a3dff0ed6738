import { useEffect, useState } from 'react';
import { sessionFromToken, type Session } from './session.js';

/** Paste a token, or (development only: the gateway answers /console/dev-token) pick a demo tenant and role. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [pasted, setPasted] = useState('');
  const [dev, setDev] = useState<{ tenants: string[]; roles: string[] }>();
  const [tenant, setTenant] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    fetch('/console/dev-token')
      .then((response) => (response.ok ? response.json() : undefined))
      .then((options) => {
        setDev(options);
        setTenant(options?.tenants[0] ?? '');
      })
      .catch(() => setDev(undefined));
  }, []);

  const usePasted = () => {
    const session = sessionFromToken(pasted.trim());
    if (session) onSignedIn(session);
    else setError('That is not a RAGline token (a JWT with sub and tenant claims).');
  };
  const pick = async (role: string) => {
    const response = await fetch('/console/dev-token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant, role }),
    });
    const body = await response.json();
    if (!response.ok) return setError(body.error ?? `HTTP ${response.status}`);
    onSignedIn(sessionFromToken(body.token)!);
  };

  return (
    <main className="sign-in">
      <h1>RAGline console</h1>
      {dev && (
        <section className="card">
          <h2>Development sign-in</h2>
          <label>
            Demo tenant{' '}
            <select value={tenant} onChange={(event) => setTenant(event.target.value)}>
              {dev.tenants.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
          <div className="row">
            {dev.roles.map((role) => (
              <button key={role} onClick={() => void pick(role)}>
                Sign in as {role}
              </button>
            ))}
          </div>
        </section>
      )}
      <section className="card">
        <h2>Sign in with a token</h2>
        <textarea aria-label="Token" value={pasted} onChange={(event) => setPasted(event.target.value)} placeholder="eyJhbGciOi…" />
        <button onClick={usePasted}>Use token</button>
      </section>
      {error && <p className="error">{error}</p>}
    </main>
  );
}
