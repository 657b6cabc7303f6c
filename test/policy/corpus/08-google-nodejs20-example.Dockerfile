# expect: fail CDL009 CDL101 CDL102 CDL103 CDL108
# pattern: Google distroless examples/nodejs: nodejs20-debian12 without a tag (root)
FROM node:20 AS build-env
COPY . /app
WORKDIR /app
RUN npm ci --omit=dev

FROM gcr.io/distroless/nodejs20-debian12
COPY --from=build-env /app /app
WORKDIR /app
CMD ["hello.js"]
