import { DistrolessDockerfile, Runtime } from '../lib';

/** An ASP.NET Core API on Microsoft's chiseled image, running as its `app` user (1654). */
export function dotnetApi(): DistrolessDockerfile {
  return new DistrolessDockerfile({
    runtime: Runtime.dotnet({ assemblyName: 'Shop.Api', projectFile: 'src/Shop.Api/Shop.Api.csproj' }),
    exposedPorts: [8080],
  });
}
