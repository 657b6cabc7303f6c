# expect: pass CDL101 CDL102 CDL103
# mirror: cgr.dev/chainguard=registry.example.com/chainguard
# pattern: Chainguard python through a private pull-through registry
FROM registry.example.com/chainguard/python:latest-dev AS builder
WORKDIR /app
RUN python -m venv /app/venv
ENV PATH="/app/venv/bin:$PATH"
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM registry.example.com/chainguard/python:latest
WORKDIR /app
COPY --from=builder /app/venv /app/venv
COPY main.py .
ENV PATH="/app/venv/bin:$PATH"
USER 65532
ENTRYPOINT ["/app/venv/bin/python", "main.py"]
