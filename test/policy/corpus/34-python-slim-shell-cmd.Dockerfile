# expect: fail CDL003 CDL005 CDL006 CDL009 CDL101
# pattern: Python on python:3.12-slim, gunicorn in shell form reading $PORT
FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD exec gunicorn --bind :$PORT --workers 1 --threads 8 app:app
