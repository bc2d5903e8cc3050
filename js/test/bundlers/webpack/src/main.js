import './app.mjs';
