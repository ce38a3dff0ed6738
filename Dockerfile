# syntax=docker/dockerfile:1
# One image for every RAGline service: the command names the service (gateway, orders, knowledge, assistant,
# observability), `migrate` or `seed` (deploy/docker/entrypoint.sh). Checked statically by
# test/deploy/dockerfile.test.ts; never built on the development machines (no registry is reachable there): docs/deploy.md.

# --- build: all dependencies, TypeScript compiled to dist/ ------------------------------------------------------------
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
# transformers.js would download onnxruntime binaries at install time; the build needs none of it.
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY platform platform
COPY db db
COPY gateway gateway
COPY subgraphs subgraphs
COPY commands commands
RUN npx tsc -p tsconfig.build.json

# --- runtime: production dependencies, dist/, the composed schema and the prompt files; no compiler, no tests ----------
FROM node:24.21.0-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY schema ./schema
COPY prompts ./prompts
COPY --chmod=0755 deploy/docker/entrypoint.sh /usr/local/bin/ragline
COPY deploy/docker/healthcheck.mjs /usr/local/lib/ragline-healthcheck.mjs
# The `node` user (uid 1000) of the official image: nothing runs as root.
USER node
# Every service answers /healthz on its own port; Kubernetes uses its own probes (deploy/k8s) instead of this one.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD ["node", "/usr/local/lib/ragline-healthcheck.mjs"]
EXPOSE 4000 4001 4002 4003 4004
ENTRYPOINT ["ragline"]
CMD ["gateway"]
