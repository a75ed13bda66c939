export { analyseDocument, documentHeader } from "./analyse-document.js";
