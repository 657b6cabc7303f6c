# expect: fail CDL003 CDL101 CDL102
# pattern: self-contained .NET app on the full Debian runtime-deps image
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish -r linux-x64 --self-contained -o /app

FROM mcr.microsoft.com/dotnet/runtime-deps:8.0
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
ENTRYPOINT ["./app"]
