import { render } from 'preact';
import { App } from './App';
import './styles.css';

const container = document.getElementById('app')!;
container.textContent = '';
render(<App />, container);
