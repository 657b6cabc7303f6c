# Single stage on the builder image: what the app weighs without the generator's multi-stage build.
FROM node:24-trixie-slim
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
ENV NODE_ENV=production
CMD ["node", "/app/index.js"]
