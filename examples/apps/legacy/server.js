require('http').createServer((_, res) => res.end('legacy\n')).listen(3000);
