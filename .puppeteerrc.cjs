// No browser download: this project uses Debian's Chromium (see README, "Browser").
module.exports = { skipDownload: true };
