// The stylesheet is bundled by esbuild into app.css.
declare module '*.css';
