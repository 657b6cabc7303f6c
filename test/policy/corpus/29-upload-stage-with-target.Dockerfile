# expect: pass CDL101 CDL102 CDL103
# target: production
# pattern: a multi-target file whose last stage uploads artifacts; the image published is "production"
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM gcr.io/distroless/nodejs22-debian13:nonroot AS production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER 65532:65532
CMD ["dist/server.js"]

FROM amazon/aws-cli AS upload
COPY --from=build /app/dist /dist
RUN aws s3 sync /dist s3://example-assets/
