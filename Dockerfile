FROM node:20-slim
WORKDIR /app

COPY package.json package-lock.json ./
# tsx runs the TypeScript directly, so dev dependencies stay. Install scripts are not needed
# (deno and esbuild find their platform binaries without them) and would need a compiler.
# The lock lacks some other-platform optional binaries, which npm ci's strict check can
# refuse; npm install from the same lock installs the same versions.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 || npm install --no-save --ignore-scripts --no-audit --no-fund

COPY . .

ENV PORT=3000
EXPOSE 3000
CMD ["npx", "tsx", "main.ts"]
