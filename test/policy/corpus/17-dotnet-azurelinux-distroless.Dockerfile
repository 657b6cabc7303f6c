# expect: pass CDL101 CDL102 CDL105
# pattern: dotnet-docker Dockerfile.azurelinux-distroless
FROM mcr.microsoft.com/dotnet/sdk:8.0-azurelinux3.0 AS build
WORKDIR /source
COPY . .
RUN dotnet publish -o /app

FROM mcr.microsoft.com/dotnet/aspnet:8.0-azurelinux3.0-distroless
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["dotnet", "aspnetapp.dll"]
