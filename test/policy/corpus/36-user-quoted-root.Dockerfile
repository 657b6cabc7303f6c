# expect: fail CDL009 CDL101
# pattern: USER "0": Docker removes the quotes, so this is root
FROM gcr.io/distroless/static-debian13:nonroot
COPY app /app
USER "0"
ENTRYPOINT ["/app"]
