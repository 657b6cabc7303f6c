# expect: fail CDL003 CDL005 CDL101 CDL104
# pattern: the classic Node.js Dockerfile on node:20-alpine with USER node
FROM node:20-alpine
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
USER node
EXPOSE 3000
CMD ["node", "server.js"]
