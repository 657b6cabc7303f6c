# expect: fail CDL003 CDL009 CDL101
# pattern: a .NET console app copied onto the full runtime image, running as root
FROM mcr.microsoft.com/dotnet/runtime:8.0
WORKDIR /app
COPY bin/Release/net8.0/publish/ .
ENTRYPOINT ["dotnet", "console.dll"]
