// Worker-thread entry when the app runs from its TypeScript sources (tests, `npm run dev`): a
// worker must register tsx itself. The compiled app (dist/) starts processingThread.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./processingThread.ts');
