import { stripVTControlCharacters } from "util";

/** A CLI's output as a reader sees it: picocolors colours it under CI=true, so specs match text without the escape codes. */
export const plainText = (text: string): string => stripVTControlCharacters(text);
