# Single stage on the builder image: what the app weighs without the generator's multi-stage build.
FROM amazoncorretto:21-al2023-jdk
WORKDIR /app
COPY . .
RUN javac -d classes --source-path src src/Main.java && jar --create --file app.jar --main-class Main -C classes .
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
