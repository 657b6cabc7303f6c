# expect: pass CDL101 CDL102
# pattern: Canonical's chiseled python rock with a venv from a slim builder
FROM python:3.12-slim AS build
WORKDIR /app
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install -r requirements.txt

FROM ubuntu/python:3.12-24.04_stable
COPY --from=build /venv /venv
COPY app.py /app/app.py
USER 584792:584792
ENTRYPOINT ["/venv/bin/python3", "/app/app.py"]
