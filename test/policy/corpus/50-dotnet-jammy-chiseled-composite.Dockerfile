# expect: pass CDL101 CDL102 CDL104
# pattern: .NET 8 composite chiseled image on Ubuntu 22.04, USER by name
FROM mcr.microsoft.com/dotnet/sdk:8.0-jammy AS build
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled-composite
WORKDIR /app
COPY --from=build /app .
USER app
ENTRYPOINT ["./webapi"]
