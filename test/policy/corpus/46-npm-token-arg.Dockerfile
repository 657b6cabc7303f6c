# expect: fail CDL011 CDL102
# pattern: a private npm registry token passed as a build argument
FROM node:22-bookworm-slim AS build
ARG NPM_TOKEN
WORKDIR /app
COPY package*.json .npmrc ./
RUN npm ci --omit=dev
COPY . .

FROM cgr.dev/chainguard/node:latest@sha256:a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90
WORKDIR /app
COPY --from=build --chown=65532:65532 /app /app
USER 65532:65532
CMD ["index.js"]
