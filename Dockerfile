# FlaskGuard GitHub App. Build: docker build -t flaskguard .
# Run:   docker run -p 3000:3000 --env-file .env -v "$PWD/flaskguard.pem:/run/secrets/flaskguard.pem:ro" \
#          -e PRIVATE_KEY_PATH=/run/secrets/flaskguard.pem flaskguard

# Build stage: compiles TypeScript and the native tree-sitter bindings.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild tree-sitter tree-sitter-python
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY rules ./rules
COPY data ./data
# scripts/: the build bundles the command line (scripts/bundle-cli.ts) after compiling.
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev

# Runtime stage: production dependencies and the compiled App only, as the unprivileged node user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 LOG_LEVEL=info
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/data ./data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) lets running reviews complete their check runs before the process exits.
STOPSIGNAL SIGTERM
# --expose-gc: reviews of large pull requests free their syntax trees as they go.
CMD ["node", "--expose-gc", "dist/src/server/main.js"]
