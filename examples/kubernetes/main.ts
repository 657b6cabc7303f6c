// The cdk8s app of the Kubernetes examples. `npm run examples` runs it through the cdk8s CLI:
//   cdk8s synth --app "ts-node ... examples/kubernetes/main.ts" --output examples-out/kubernetes
// which writes web-service.k8s.yaml, cron-job.k8s.yaml and the staged build context (images/).
import { App } from 'cdk8s';
import { CronJobChart, WebServiceChart } from './charts';

const app = new App();
new WebServiceChart(app, 'web-service');
new CronJobChart(app, 'cron-job');
app.synth();
