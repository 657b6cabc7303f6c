import { PostureRule } from '../model';
import { isIntrinsic } from '../values';
import { dig, ECS, ERROR, info, show, unknownHit } from './common';

/** A task with a public IP is reachable from the internet without the load balancer or a firewall in front of it. */
export const publicIp: PostureRule = {
  info: info({
    id: 'CDP020',
    level: ERROR,
    title: 'ECS services must not assign public IPs',
    description: 'ECS: a service\'s `NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp` must not be `ENABLED`. Tasks belong in '
      + 'private subnets behind a load balancer, reaching the internet through NAT or VPC endpoints.',
    fix: 'CDK: `assignPublicIp: false` (the default) and `taskSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS }`.',
    platforms: [ECS],
  }),
  service(s) {
    const path = [...s.propsPath, 'NetworkConfiguration', 'AwsvpcConfiguration', 'AssignPublicIp'];
    const v = dig(s.props, 'NetworkConfiguration', 'AwsvpcConfiguration', 'AssignPublicIp');
    if (isIntrinsic(v)) { return [unknownHit(path, `service ${s.logicalId}'s AssignPublicIp`, v)]; }
    if (typeof v === 'string' && v.toUpperCase() === 'ENABLED') {
      return [{
        path,
        message: `service ${s.logicalId} assigns public IPs to its tasks (AssignPublicIp ${show(v)}); allowed: DISABLED or unset.`,
        fix: 'Set `assignPublicIp: false` and run the tasks in private subnets.',
      }];
    }
    return [];
  },
};
