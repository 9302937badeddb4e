export { appendHistory, HISTORY_FILE_NAME, historyEntry, readHistory, TREND_RUNS } from './history-file.js';
