# expect: pass CDL101 CDL102
# pattern: self-contained single-file .NET app on runtime-deps chiseled
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /source
COPY . .
RUN dotnet publish -r linux-x64 --self-contained true -p:PublishSingleFile=true -o /app

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
ENTRYPOINT ["/app/worker"]
