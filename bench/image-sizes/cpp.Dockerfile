# Single stage on the builder image: what the app weighs without the generator's multi-stage build.
FROM gcc:14
WORKDIR /app
COPY . .
RUN make -j"$(nproc)"
ENTRYPOINT ["/app/app"]
