/**
 * Traditional → simplified Chinese, only for the characters that occur in the classifier's
 * lexicons and in how customers phrase disputes. A full conversion table (OpenCC) is ~4 000
 * entries and would not change a single match; this one is small enough to review by eye.
 * Pairs are written traditional-then-simplified, one pair per two characters.
 */
const PAIRS =
  '發发貨货還还沒没壞坏質质問问題题碼码錯错顏颜價价評评賠赔錢钱訂订單单號号資资訊讯簽签遞递裝装' +
  '損损丟丢紅红態态務务費费運运郵邮優优滿满減减據据實实圖图與与專专櫃柜維维護护換换買买賣卖歡欢' +
  '們们麼么為为這这個个嗎吗請请謝谢說说話话電电機机聲声開开關关線线頭头髒脏劃划漬渍舊旧贗赝禮礼' +
  '週周幾几過过後后時时間间處处訴诉舉举報报師师擔担隻只雙双標标籤签網网樣样亂乱爛烂壓压濕湿衝冲' +
  '轉转區区識识讓让給给賬账帳账戶户額额補补償偿體体螢萤顯显種种現现庫库聯联繫系係系臺台灣湾寶宝' +
  '貝贝親亲闆板煩烦會会點点兒儿氣气燒烧煙烟響响動动靜静團团風风進进兩两結结帶带貼贴適适縮缩' +
  '麵面條条拋抛摺折碎碎縫缝鬆松脫脱膠胶鏈链鎖锁蓋盖蓆席紙纸鐘钟錶表鑽钻鋼钢鐵铁銀银鏡镜燈灯' +
  '議议騙骗詐诈偽伪冒冒廠厂專专產产屬属權权託托們们認认證证驗验監监聽听覺觉該该應应術术虧亏' +
  '強强劣劣惡恶窮穷罰罚傳传宣宣偷偷竊窃撥拨揚扬攤摊雜杂爭争糾纠紛纷惱恼誤误備备態态緊紧急急慢慢' +
  '遲迟晚晚達达貨货車车輛辆續续邊边遠远場场稅税關关檢检扣扣淨净糊糊纖纤維维棉棉綫线褲裤襯衬' +
  '鞋鞋靴靴襪袜帽帽鑰钥匙匙頻频暈晕紋纹覆复復复複复歸归還还齊齐漲涨跌跌憑凭據据幣币圓圆塊块' +
  '錄录讀读寫写稱称戲戏裡里聯联絡络從从齡龄圖图屆届刪删壞坏賴赖彈弹黴霉殼壳側侧損损';

/** Map from a traditional character to its simplified form. Built once at module load. */
export const TRAD_TO_SIMP: ReadonlyMap<string, string> = buildTable();

function buildTable(): Map<string, string> {
  const table = new Map<string, string>();
  const chars = Array.from(PAIRS);
  for (let i = 0; i + 1 < chars.length; i += 2) {
    const trad = chars[i] as string;
    const simp = chars[i + 1] as string;
    if (trad !== simp) table.set(trad, simp);
  }
  return table;
}
