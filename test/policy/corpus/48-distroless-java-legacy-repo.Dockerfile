# expect: fail CDL009 CDL101 CDL102 CDL108
# pattern: a years-old Java repository on gcr.io/distroless/java:11 (root)
FROM maven:3-jdk-11 AS build
WORKDIR /app
COPY . .
RUN mvn -B package

FROM gcr.io/distroless/java:11
COPY --from=build /app/target/app.jar /app.jar
CMD ["/app.jar"]
