import { useMemo } from 'preact/hooks';
import { embedTokenFromLocation } from './session';
import { EmbedApp } from './shell/EmbedApp';
import { StandaloneApp } from './shell/StandaloneApp';

/** `/embed?token=…` shows a signed embed link; anything else is the standalone dashboard. */
export function App() {
  const token = useMemo(() => embedTokenFromLocation(window.location), []);
  if (token) return <EmbedApp token={token} />;
  return <StandaloneApp />;
}
