/** @jsxImportSource react */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { createRoot } from 'react-dom/client';
import { ExplorerApp } from './explorer-app';

const container = document.getElementById('explorer')!;
container.textContent = '';
createRoot(container).render(<ExplorerApp />);
