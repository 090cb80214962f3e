# One image for every app in the monorepo; pick the app with the container command.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
WORKDIR /app
COPY . .
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/libs/zoom-contract/spec ./libs/zoom-contract/spec
# Archived file bytes and the export store; named volumes mounted here inherit this ownership.
RUN mkdir -p /data/files /data/exports && chown node:node /data/files /data/exports
USER node
# The emulator, the API and the worker's /metrics; each container runs one of them (see docker-compose.yml).
EXPOSE 9090 3000 3001
CMD ["node", "dist/apps/zoom-emulator/src/main.js"]
