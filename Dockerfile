# Builds the OpenBank image used by docker-compose.yml: the API (the default command) and the
# projector (node dist/apps/openbank-projector/src/main.js).
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm workspaces: each package's manifest must be there before npm ci.
COPY packages/embedded-kurrentdb/package.json packages/embedded-kurrentdb/
COPY packages/embedded-mongodb/package.json packages/embedded-mongodb/
# Fixes to dependencies, applied by npm ci (postinstall: patch-package); see patches/README.md.
COPY patches patches
RUN npm ci
COPY . .
RUN npx nest build && npm prune --omit=dev

FROM node:20-slim
# Production by default; in a container the API (and a projector's /health) must listen on every
# interface to be reachable.
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 8899 8900
CMD ["node", "dist/apps/openbank/src/main.js"]
