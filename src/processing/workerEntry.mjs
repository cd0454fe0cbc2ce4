// Worker-thread entry: the app runs TypeScript through tsx, which a worker must register itself.
import { register } from 'tsx/esm/api';

register();
await import('./processingWorker.ts');
