// Starts the example orders API. In this repository:
//   KEYWARD_URL=http://127.0.0.1:8080 KEYWARD_PROJECT_ID=prj_… npm run example:express
// In your own project (npm install @keyward/sdk express): node server.ts
import { createOrdersApi } from './app.ts';

const port = Number(process.env.PORT ?? 3000);
const app = createOrdersApi({
  keywardUrl: process.env.KEYWARD_URL ?? 'http://127.0.0.1:8080',
  ...(process.env.KEYWARD_PROJECT_ID ? { projectId: process.env.KEYWARD_PROJECT_ID } : {}),
  ...(process.env.KEYWARD_TOKEN ? { keywardToken: process.env.KEYWARD_TOKEN } : {}),
});
app.listen(port, '127.0.0.1', () => {
  console.log(`orders API on http://127.0.0.1:${port} (try: curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:${port}/orders)`);
});
