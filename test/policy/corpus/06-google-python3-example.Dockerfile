# expect: fail CDL009 CDL101 CDL102 CDL103 CDL108
# pattern: Google distroless examples/python3-requirements: unsuffixed python3, latest (root)
FROM python:3-slim AS build-env
COPY . /app
WORKDIR /app
RUN pip install --no-cache-dir --target=/app/deps -r requirements.txt

FROM gcr.io/distroless/python3
COPY --from=build-env /app /app
WORKDIR /app
ENV PYTHONPATH=/app/deps
CMD ["hello.py", "/etc"]
