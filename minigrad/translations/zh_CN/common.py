"""What every exercise and predict question says, in Simplified Chinese."""

MESSAGES = {
    "Correct! ": "正确！",
    "Not yet: ": "还不对：",
    "replace the ... with your answer, then run this cell again.":
        "把 ... 换成你的答案，再运行这个单元格。",
    "Predict: {question}": "预测：{question}",
    "Pick one, then run the next cell to see what really happens.":
        "先选一个答案，再运行下一个单元格，看看实际结果。",
    "<b>Predict:</b> {question}": "<b>预测：</b>{question}",
    "You predicted <b>{choice}</b>. Now run the next cell and compare.":
        "你的预测是 <b>{choice}</b>。现在运行下一个单元格，对比一下。",
}
