# Single stage on the builder image: what the app weighs without the generator's multi-stage build.
FROM python:3.13-slim-trixie
WORKDIR /app
COPY . .
RUN python3 -m pip install --disable-pip-version-check --root-user-action=ignore -r requirements.txt
CMD ["python3", "/app/main.py"]
