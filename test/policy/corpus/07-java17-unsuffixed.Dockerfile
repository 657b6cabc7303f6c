# expect: pass CDL101 CDL102 CDL105 CDL108
# pattern: Spring Boot jar on unsuffixed distroless java17:nonroot
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /workspace
COPY pom.xml .
COPY src src
RUN mvn -B -DskipTests package

FROM gcr.io/distroless/java17:nonroot
WORKDIR /app
COPY --from=build /workspace/target/app.jar /app/app.jar
EXPOSE 8080
CMD ["app.jar"]
