# expect: pass CDL101 CDL102
# pattern: nodejs22-debian13 with $TARGETARCH in the tag
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM gcr.io/distroless/nodejs22-debian13:nonroot-${TARGETARCH}
ARG TARGETARCH
WORKDIR /app
COPY --from=build /app /app
USER 65532:65532
CMD ["index.js"]
